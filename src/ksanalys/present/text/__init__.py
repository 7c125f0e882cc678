"""Present stage: every Swedish sentence the product writes, in one package."""
