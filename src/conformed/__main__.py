"""``python -m conformed``: the same as the ``conformed`` command."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="conformed")
