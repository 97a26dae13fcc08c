"""``python -m dti_app`` opens the desktop app (the same as ``dti-app``)."""

import sys

from dti_app.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
