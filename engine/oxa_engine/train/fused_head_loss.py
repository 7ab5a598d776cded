"""Output head + OXA token losses in one autograd op that never keeps logits for the backward.

For each chunk of tokens the forward makes the chunk's float32 logits z = h W^T, takes
logp = z_y - logsumexp(z), the losses, the entropy, and at once the gradient with respect to the
logits, dL/dz_j = c * (p_j - 1[j = y]) with

    c = w                      for a CE token   (L_t = w * -logp)
    c = -w * alpha * p/(1-p)   for a UL token   (L_t = w * alpha * -log(1-p); 0 where p is clamped)

then turns it into dL/dh (chunk) and dL/dW (accumulated) and drops the logits. The backward only
scales those stored gradients. At most two chunk-sized float32 buffers exist at a time, and the
head's matmul runs three times per token (forward, dh, dW), as in a plain backward pass.
"""
from __future__ import annotations

import torch

from .losses import LOG_P_MAX, unlikelihood


def _chunk(h, weight, targets, w, is_ul, alpha, grad_w, stats):
    logits = (h @ weight.t()).float()
    logz = torch.logsumexp(logits, dim=-1)
    logp = logits.gather(1, targets[:, None]).squeeze(1) - logz
    nll, ul = -logp, unlikelihood(logp)
    probs = (logits - logz[:, None]).exp_()
    entropy = logz - (probs[:, None, :] @ logits[:, :, None]).view(-1)  # H = logz - sum p z, no temporary
    del logits
    ce_w, ul_w = w * ~is_ul, w * is_ul
    stats += torch.stack([(ce_w * nll).sum(), (ul_w * ul).sum(), (ce_w * entropy).sum(), (ul_w * entropy).sum()])
    loss = (ce_w * nll).sum() + alpha * (ul_w * ul).sum()
    p = logp.exp()
    odds = torch.where(logp < LOG_P_MAX, p / (1 - p), torch.zeros_like(p))
    coef = torch.where(is_ul, -w * alpha * odds, w)
    dlogits = probs.mul_(coef[:, None])  # in place: probs -> dL/dz
    dlogits.scatter_add_(1, targets[:, None], -coef[:, None])
    dlogits = dlogits.to(h.dtype)
    grad_w += (dlogits.t() @ h).float()
    return loss, dlogits @ weight


class FusedHeadLoss(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, targets, w, is_ul, alpha: float, chunk: int):
        grad_w = torch.zeros(weight.shape, dtype=torch.float32, device=weight.device)
        grad_h = torch.empty_like(hidden)
        stats = torch.zeros(4, dtype=torch.float32, device=hidden.device)
        loss = torch.zeros((), dtype=torch.float32, device=hidden.device)
        for s in range(0, hidden.shape[0], chunk):
            e = s + chunk
            l, gh = _chunk(hidden[s:e], weight, targets[s:e], w[s:e], is_ul[s:e], alpha, grad_w, stats)
            loss += l
            grad_h[s:e] = gh
        ctx.save_for_backward(grad_h, grad_w.to(weight.dtype))
        ctx.mark_non_differentiable(stats)
        return loss, stats

    @staticmethod
    def backward(ctx, grad_loss, _grad_stats):
        grad_h, grad_w = ctx.saved_tensors
        return grad_h * grad_loss.to(grad_h.dtype), grad_w * grad_loss.to(grad_w.dtype), None, None, None, None, None
