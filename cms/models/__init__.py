from .home import HomePage

__all__ = ["HomePage"]
