"""The slash commands, one cog per concern; each module has an async ``setup(bot)``."""
