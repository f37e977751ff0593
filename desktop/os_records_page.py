"""The page "What your computer may record anyway" (resources/pages/<lang>/os-records.md),
shown through the window's page dialog like the other guidance pages."""

from __future__ import annotations

OS_RECORDS = "os-records"
