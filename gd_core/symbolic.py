"""Formula trees in one variable w: value, exact derivative and LaTeX, node by node.

Each node type's derivative rule sits beside its value rule (micrograd-style)::

    d(c) = 0            d(w) = 1              d(-a) = -da
    d(a + b) = da + db  d(a * b) = da b + a db  d(a / b) = (da b - a db) / b^2
    d(a ** p) = p a^(p-1) da
    d(sin a) = cos a da   d(cos a) = -sin a da   d(tan a) = da / cos^2 a
    d(exp a) = exp a da   d(log a) = da / a      d(sqrt a) = da / (2 sqrt a)
    d(abs a) = sign a da  d(tanh a) = (1 - tanh^2 a) da

The constructors ``neg add sub mul div power`` fold constants and drop zeros and ones, so
derivatives stay small. Trees are built by ``gd_core.expression`` from a student's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sign": np.sign,  # only produced by differentiating abs; a student cannot type it
}

# --- the tree -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: float


@dataclass(frozen=True)
class Var:
    pass


@dataclass(frozen=True)
class Neg:
    a: Node


@dataclass(frozen=True)
class Add:
    a: Node
    b: Node


@dataclass(frozen=True)
class Sub:
    a: Node
    b: Node


@dataclass(frozen=True)
class Mul:
    a: Node
    b: Node


@dataclass(frozen=True)
class Div:
    a: Node
    b: Node


@dataclass(frozen=True)
class Pow:
    a: Node
    p: float


@dataclass(frozen=True)
class Call:
    name: str
    a: Node


Node = Union[Const, Var, Neg, Add, Sub, Mul, Div, Pow, Call]
ZERO, ONE = Const(0.0), Const(1.0)


# Constructors that fold constants and drop zeros and ones, so derivatives stay readable.
def neg(a: Node) -> Node:
    if isinstance(a, Const):
        return Const(-a.value)
    return a.a if isinstance(a, Neg) else Neg(a)


def add(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value + b.value)
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    return Add(a, b)


def sub(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value - b.value)
    if b == ZERO:
        return a
    if a == ZERO:
        return neg(b)
    return Sub(a, b)


def mul(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value * b.value)
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    return Mul(a, b)


def div(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const) and b.value != 0:
        return Const(a.value / b.value)
    if a == ZERO:
        return ZERO
    if b == ONE:
        return a
    return Div(a, b)


def power(a: Node, p: float) -> Node:
    if p == 0:
        return ONE
    if p == 1:
        return a
    return Pow(a, p)


def evaluate(node: Node, w: np.ndarray) -> np.ndarray:
    """The node's value at every w (numpy warnings are the caller's to silence)."""
    if isinstance(node, Const):
        return np.full_like(w, node.value)
    if isinstance(node, Var):
        return w
    if isinstance(node, Neg):
        return -evaluate(node.a, w)
    if isinstance(node, Add):
        return evaluate(node.a, w) + evaluate(node.b, w)
    if isinstance(node, Sub):
        return evaluate(node.a, w) - evaluate(node.b, w)
    if isinstance(node, Mul):
        return evaluate(node.a, w) * evaluate(node.b, w)
    if isinstance(node, Div):
        return evaluate(node.a, w) / evaluate(node.b, w)
    if isinstance(node, Pow):
        base = evaluate(node.a, w)
        if float(node.p).is_integer():
            return base ** int(node.p) if node.p > 0 else 1.0 / base ** int(-node.p)
        return np.power(base, node.p)
    return FUNCTIONS[node.name](evaluate(node.a, w))


def derivative(node: Node) -> Node:
    """d(node)/dw, by the rules in the module docstring."""
    if isinstance(node, (Const,)):
        return ZERO
    if isinstance(node, Var):
        return ONE
    if isinstance(node, Neg):
        return neg(derivative(node.a))
    if isinstance(node, Add):
        return add(derivative(node.a), derivative(node.b))
    if isinstance(node, Sub):
        return sub(derivative(node.a), derivative(node.b))
    if isinstance(node, Mul):
        return add(mul(derivative(node.a), node.b), mul(node.a, derivative(node.b)))
    if isinstance(node, Div):
        da, db = derivative(node.a), derivative(node.b)
        return div(sub(mul(da, node.b), mul(node.a, db)), power(node.b, 2.0))
    if isinstance(node, Pow):
        return mul(mul(Const(node.p), power(node.a, node.p - 1)), derivative(node.a))
    a, da = node.a, derivative(node.a)
    outer: Node
    if node.name == "sin":
        outer = Call("cos", a)
    elif node.name == "cos":
        outer = neg(Call("sin", a))
    elif node.name == "tan":
        outer = div(ONE, power(Call("cos", a), 2.0))
    elif node.name == "exp":
        outer = Call("exp", a)
    elif node.name == "log":
        outer = div(ONE, a)
    elif node.name == "sqrt":
        outer = div(ONE, mul(Const(2.0), Call("sqrt", a)))
    elif node.name == "abs":
        outer = Call("sign", a)
    elif node.name == "tanh":
        outer = sub(ONE, power(Call("tanh", a), 2.0))
    else:  # sign: flat wherever it is defined
        return ZERO
    return mul(outer, da)


# --- LaTeX ----------------------------------------------------------------------------------------

_PRECEDENCE = {Add: 1, Sub: 1, Mul: 2, Div: 2, Neg: 3, Pow: 4}


def _number(value: float) -> str:
    return f"{value:g}".replace("e+", r"\times 10^{").replace("e-", r"\times 10^{-") + ("}" if "e" in f"{value:g}" else "")


def to_latex(node: Node) -> str:
    """A readable LaTeX form, with parentheses only where precedence needs them."""

    def wrap(child: Node, level: int) -> str:
        text = to_latex(child)
        child_level = _PRECEDENCE.get(type(child), 5)
        if isinstance(child, Const) and child.value < 0:
            child_level = 3
        return rf"\left({text}\right)" if child_level < level else text

    if isinstance(node, Const):
        return _number(node.value)
    if isinstance(node, Var):
        return "w"
    if isinstance(node, Neg):
        return "-" + wrap(node.a, 3)
    if isinstance(node, Add):
        return f"{to_latex(node.a)} + {wrap(node.b, 1)}"
    if isinstance(node, Sub):
        return f"{to_latex(node.a)} - {wrap(node.b, 2)}"
    if isinstance(node, Mul):
        left, right = wrap(node.a, 2), wrap(node.b, 3)
        joiner = " " if isinstance(node.a, Const) and not isinstance(node.b, Const) else r" \cdot "
        return f"{left}{joiner}{right}"
    if isinstance(node, Div):
        return rf"\frac{{{to_latex(node.a)}}}{{{to_latex(node.b)}}}"
    if isinstance(node, Pow):
        return f"{wrap(node.a, 5)}^{{{_number(node.p)}}}"
    name = {"abs": None, "sign": r"\operatorname{sign}"}.get(node.name, "\\" + node.name)
    if name is None:
        return rf"\left|{to_latex(node.a)}\right|"
    return rf"{name}\left({to_latex(node.a)}\right)"
