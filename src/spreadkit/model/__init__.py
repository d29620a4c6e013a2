"""The pure model: the bank, answers, scores, a team, a plan, a comparison and the agree round; it knows nothing of terminals or files."""
