"""The checks, one module per topic. Listed explicitly so bundles find them all."""

MODULES: tuple[str, ...] = (
    "os_supported",
    "os_updates",
    "auto_updates",
    "disk_encryption",
    "messaging",
    "firewall",
    "screen_lock",
    "automatic_login",
    "secure_boot",
    "remote_access",
    "sharing",
    "guest_account",
    "trusted_certificates",
    "browsers",
    "tor_browser",
    "password_manager",
)
