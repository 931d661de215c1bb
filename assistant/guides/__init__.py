"""Guides built on the policy: the support-fit questionnaire and the commitments register."""
