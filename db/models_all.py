"""Import every module that declares tables, so ``Base.metadata`` is complete.

Alembic's env and the schema test import this module. Feature areas that add
tables append one import line here.
"""

from db import history as history  # history: last positions, foreign-key indexes (R*Tree: triggers only)
from db import models as models
from db import models_caseload as models_caseload  # caseload: regions, districts, offices, officers
from db import models_media as models_media  # network: device media clips (voice messages)
from db import retention as retention  # journals: retention policies, deletion acts
from db.queries import schema as schema  # journals: chain heads, indexes
