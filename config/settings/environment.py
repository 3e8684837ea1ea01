"""Reading settings from the environment (every settings module uses these)."""

import os


def env(name: str, default: str = "") -> str:
    """Read a setting from the environment."""
    return os.environ.get(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated setting from the environment."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
