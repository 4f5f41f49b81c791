"""Operations shared by the CLI and the window: each opens, changes and closes documents through storage."""
