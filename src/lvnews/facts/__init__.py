"""Fact extractors: quantities, member counts, membership and roles.

Each is a registered spaCy component (see the modules); importing this
package registers them. ``FACT_COMPONENTS`` is their pipeline order:
member counts build on quantities.
"""

from . import member_count, membership, quantity, role  # noqa: F401  (registers factories)

FACT_COMPONENTS = ("lvnews_quantity", "lvnews_member_count", "lvnews_membership", "lvnews_role")
