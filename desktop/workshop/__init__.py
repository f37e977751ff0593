"""The window's workshop mode: demo machines and the picker, the presenter view and its
dashboard, the anonymous summary shared by QR code, and the handouts dialog."""
