"""The `farmscan` command the package installs: the same command line as
the Rust binary, run in this process by the native module."""

import sys

from farmscan import _native


def main() -> None:
    sys.exit(_native.run_cli(["farmscan", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
