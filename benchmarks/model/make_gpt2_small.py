"""Writes a randomly initialised GPT-2-small-shaped checkpoint (config.json + model.safetensors).

    python make_gpt2_small.py OUT_DIR

Same shapes as the released gpt2 (124M parameters), made locally so the benchmark needs no hub.
"""
import sys

import torch
from transformers import GPT2Config, GPT2LMHeadModel


def main(out_dir: str) -> None:
    torch.manual_seed(0)
    config = GPT2Config(n_embd=768, n_layer=12, n_head=12, vocab_size=50257, n_positions=1024)
    model = GPT2LMHeadModel(config).eval()
    model.save_pretrained(out_dir, safe_serialization=True)
    print(f"wrote {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M-parameter GPT-2 to {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1])
