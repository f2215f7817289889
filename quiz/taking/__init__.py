"""Taking quizzes: practice, exams, scoring, history and the wrong-answer book."""
