"""Medical lexicons (Danish and English), their loaders and the term matcher."""

from evalkit.lexicon.loaders import load_lexicon, load_sks, read_lexicon_file, read_stoplist
from evalkit.lexicon.matcher import Matcher, Mention, find_terms, fold, get_matcher
from evalkit.lexicon.model import CATEGORIES, Lexicon, LexiconEntry

__all__ = [
    "CATEGORIES",
    "Lexicon",
    "LexiconEntry",
    "Matcher",
    "Mention",
    "find_terms",
    "fold",
    "get_matcher",
    "load_lexicon",
    "load_sks",
    "read_lexicon_file",
    "read_stoplist",
]
