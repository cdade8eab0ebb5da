import sys

from kjc_tui.cli import main

sys.exit(main())
