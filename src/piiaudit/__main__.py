"""``python -m piiaudit`` runs the command-line interface."""

from piiaudit.cli import main

if __name__ == "__main__":
    main()
