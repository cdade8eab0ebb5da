import sys

from kjc_tui.cli.main import main

sys.exit(main())
