"""Facts about network addresses that the sources (HTTP) and `kjc-tui serve` both need."""

from __future__ import annotations

import ipaddress

#: names that resolve to this machine on every system we run on
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def is_loopback(host: str) -> bool:
    """Whether `host` (a name, an IPv4 or IPv6 address, bracketed or not) is this machine only:
    "localhost", 127.0.0.0/8, ::1.  Other names are not resolved (DNS could say anything)."""
    h = host.strip().rstrip(".").lower()
    if h in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(h.strip("[]")).is_loopback
    except ValueError:
        return False
