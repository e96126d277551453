"""Text normalisation and tokenisation shared by every metric."""

from evalkit.text.normalize import collapse_whitespace, normalize_text, words

__all__ = ["collapse_whitespace", "normalize_text", "words"]
