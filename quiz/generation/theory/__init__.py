"""Theory questions (应知应会) from articles: fill-in-the-blank, single choice, true/false, multiple choice.

Each generator looks at one article and yields at most one question; which sentence,
number or list it uses is decided by a `random.Random` seeded with the run's seed, the
generator name and the article's identity, so the same seed gives the same questions
whatever else is in the run. Distractors come from `TheoryPools`, built once over all
current articles, and are kept only when they are certainly wrong *for the cited article*:
a number that appears nowhere in the article with the same unit, a duty-bearer the article
never names, a key term of the same class (`terms`) that the article never uses and that,
put in the blank, gives no sentence found in the corpus, a list item unlike every item of
the cited list.
"""

from quiz.generation.theory.items import blank_item_number, single_item_number
from quiz.generation.theory.numbers import blank_number, single_number
from quiz.generation.theory.parties import single_party
from quiz.generation.theory.pools import TheoryPools
from quiz.generation.theory.term_questions import blank_term, single_term
from quiz.generation.theory.true_false import judge

__all__ = [
    "TheoryPools",
    "blank_item_number",
    "blank_number",
    "blank_term",
    "judge",
    "single_item_number",
    "single_number",
    "single_party",
    "single_term",
]
