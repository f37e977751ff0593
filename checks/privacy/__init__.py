"""What keeps a person's data theirs: redaction of names and paths before anything is shown
or saved, the folders Checkup may use (portable settings), forgetting what it kept,
passphrase-protected reports (age), and the command line for these."""
