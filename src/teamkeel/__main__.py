import sys

from teamkeel.cli import main

sys.exit(main())
