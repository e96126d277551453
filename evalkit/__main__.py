"""``python -m evalkit`` runs the command line."""

from evalkit.cli import main

if __name__ == "__main__":
    main()
