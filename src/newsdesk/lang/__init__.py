"""Language packs (``lang/en``, ``lang/ja``, ``lang/ko``, ``lang/zh``): adding a language
means adding one folder. See :mod:`newsdesk.lang.pack`."""

from newsdesk.lang.pack import LanguagePack, pack_for, packs, supported

__all__ = ["LanguagePack", "pack_for", "packs", "supported"]
