"""Who may use the social-area monitoring (see accounts/roles.py).

The figures are anonymous aggregates: coordinators and office staff read the report and the coverage
matrix (the capability that already grants the anonymous referral statistics). Importing figures,
quarters and the index weights belong to the coordinator (who manages districts).
"""

from familienbuero.accounts.roles import Capability

VIEW = Capability.VIEW_REFERRAL_STATISTICS
MANAGE = Capability.MANAGE_TENANCY
