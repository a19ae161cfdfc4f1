"""Ten starter lessons for pupils of grades 1–5: safe, kind and healthy internet use.

Written for children: short sentences, the pupil is "em", every explanation is kind
even when the answer was wrong. Each lesson has one picture at least (alt text in
Vietnamese), 2–4 sections and 4–6 questions. Split in two files by theme.
"""

from . import Starter, pupils_safety, pupils_together

LESSONS: list[Starter] = [*pupils_safety.LESSONS, *pupils_together.LESSONS]
