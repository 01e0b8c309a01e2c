"""HF transformers side of the forward benchmark: load a model, time one forward pass.

The forward is what a user of transformers would write for scoring a batch: float32, no autograd
(torch.inference_mode), an all-ones attention mask, logits at every position, no KV cache.
"""
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from transformers import AutoModelForCausalLM  # noqa: E402


def load(spec: str):
    """A folder with config.json + safetensors, or a .gguf file (dequantised to float32 by transformers)."""
    path = Path(spec)
    if path.suffix == ".gguf":
        model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32)
    else:
        model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32)
    return model.eval()


def use_attention(model, implementation: str) -> None:
    """Switches between "eager" (matmul + softmax written out) and "sdpa" (torch's fused kernel)."""
    model.set_attn_implementation(implementation)
    if model.config._attn_implementation != implementation:
        raise RuntimeError(f"transformers did not switch to {implementation} attention")


def forward_seconds(model, ids: torch.Tensor) -> tuple[float, float]:
    """Wall and CPU seconds (all threads of this process) of one forward pass over ids [batch, pos]."""
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        start, cpu = time.perf_counter(), time.process_time()
        out = model(input_ids=ids, attention_mask=mask, use_cache=False)
        seconds = time.perf_counter() - start, time.process_time() - cpu
    del out
    return seconds


def last_logits(model, ids: torch.Tensor):
    """Logits at the last position of every row [batch, vocab], as numpy, to check both sides agree."""
    with torch.inference_mode():
        return model(input_ids=ids, attention_mask=torch.ones_like(ids), use_cache=False).logits[:, -1, :].numpy()
