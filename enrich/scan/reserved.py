"""GitHub's reserved top-level paths: ``github.com/<name>`` is a GitHub page, not an account.

Source: the ``reserved-names.json`` list of the MIT-licensed npm package
``github-reserved-names`` (https://github.com/Mottie/github-reserved-names), which collects
the names GitHub's "new organization" form refuses, checked against the live site. Names
added here beyond that list (marked below) are newer GitHub product paths and asset roots.
``issues``, ``pulls`` and ``search`` are in the list: the classifier treats them as global
searches when they carry a ``q=`` query, before consulting this set.
"""

from __future__ import annotations

_FROM_GITHUB_RESERVED_NAMES = """
400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 419 420 421 422
423 424 425 426 427 428 429 430 431 500 501 502 503 504 505 506 507 508 509 510 511
about access account admin anonymous any api apps attributes auth billing blob blog bounty
branches business businesses c cache case-studies categories central certification changelog
cla cloud codereview collection collections comments commit commits community companies compare
contact contributing cookbook coupons customer customers dashboard dashboards design develop
developer diff discover discussions docs downloads downtime editor editors edu enterprise events
explore featured features files fixtures forked garage ghost gist gists graphs guide guides help
help-wanted home hooks hosting hovercards identity images inbox individual info integration
interfaces introduction investors issues jobs join journal journals lab labs languages launch
layouts learn legal library linux listings lists login logos logout mac maintenance malware man
marketplace mention mentioned mentioning mentions migrating milestones mine mirrors mobile
navigation network new news none nonprofit nonprofits notices notifications oauth offer
open-source organisations organizations orgs pages partners payments personal plans plugins
popular popularity posts press pricing professional projects pulls raw readme recommendations
redeem releases render reply repositories resources restore revert save-net-neutrality saved
scraping search security services sessions settings shareholders shop showcases signin signup
site spam sponsors ssh staff starred stars static status statuses storage store stories
styleguide subscriptions suggest suggestion suggestions support suspended talks teach teacher
teachers teaching teams ten terms timeline topic topics tos tour train training translations
tree trending updates username users visualization w watching wiki windows works-with www0 www1
www2 www3 www4 www5 www6 www7 www8 www9
"""

# Added for enrich: product pages and asset roots that appeared after that list was made.
_ADDED = """
user-attachments codespaces copilot solutions customer-stories team education readme
git-guides premium-support github-copilot accelerator collections
"""

RESERVED_NAMES: frozenset[str] = frozenset((_FROM_GITHUB_RESERVED_NAMES + _ADDED).split())
"""Lower-case first path segments that never name a user or organization."""
