"""The window's privacy actions: saving and protecting reports (passphrase dialog, file
dialogs that leave no recent-files trace) and forgetting what Checkup kept."""
