"""A safe parser for a cost J(w) typed by a student, with its exact derivatives.

Grammar (EBNF); nothing else is accepted, and no Python is ever evaluated::

    expr   = term { ("+" | "-") term }
    term   = unary { ("*" | "/") unary }
    unary  = ("+" | "-") unary | power
    power  = atom [ "**" unary ]            (right-associative; -w**2 is -(w**2))
    atom   = number | "w" | func "(" expr ")" | "(" expr ")"
    func   = sin | cos | tan | exp | log | sqrt | abs | tanh

The exponent of ``**`` must be a constant (no w) with |p| <= 20.

The parsed tree (``gd_core.symbolic``) gives J(w) and, by exact symbolic differentiation,
dJ/dw and d2J/dw2; the rules are in that module's docstring.

>>> J = parse_expression("w**4 - 3*w**2 + w")
>>> float(J.cost(2.0)[()]), float(J.slope(2.0)[()]), float(J.curvature(2.0)[()])
(6.0, 21.0, 42.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from gd_core.formula_tokens import ExpressionError, Token, tokenize
from gd_core.symbolic import Add, Call, Const, Div, Mul, Neg, Node, Pow, Sub, Var, derivative, evaluate, to_latex

MAX_LENGTH = 200
MAX_POWER = 20.0
MAX_DEPTH = 50
USER_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh")
# Operations one evaluation of dJ/dw and of d2J/dw2 may take (``operations``): page 3 evaluates
# the slope up to 2,000 times for its basins, so its work grows with the slope's size. At these
# limits the slowest formulas found (sin nested 13 deep, 6 sines multiplied) take 1 to 2 s there
# on the shared 2-core machine; typical formulas stay below 100 and 500.
MAX_SLOPE_OPERATIONS = 150
MAX_CURVATURE_OPERATIONS = 1500


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def nest(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the formula is nested too deeply (more than {MAX_DEPTH} levels)", position)

    def expr(self) -> Node:
        node = self.term()
        while self.token.kind == "op" and self.token.text in "+-":
            op = self.take().text
            right = self.term()
            node = Add(node, right) if op == "+" else Sub(node, right)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text in ("*", "/"):
            op = self.take().text
            right = self.unary()
            node = Mul(node, right) if op == "*" else Div(node, right)
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text in "+-":
            token = self.take()
            self.nest(token.position)
            operand = self.unary()
            self.depth -= 1
            return operand if token.text == "+" else Neg(operand)
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.token.kind == "op" and self.token.text == "**":
            token = self.take()
            start = self.token.position
            self.nest(token.position)
            exponent = self.unary()
            self.depth -= 1
            if _has_w(exponent):
                raise ExpressionError("the exponent must be a number, not contain w (w**2 is fine, w**w is not)", start)
            with np.errstate(all="ignore"):
                p = float(evaluate(exponent, np.zeros(1))[0])
            if not np.isfinite(p) or abs(p) > MAX_POWER:
                raise ExpressionError(f"the power is too large: keep exponents between -{MAX_POWER:g} and {MAX_POWER:g}", start)
            return Pow(base, p)
        return base

    def atom(self) -> Node:
        token = self.token
        if token.kind == "num":
            self.take()
            return Const(float(token.text))
        if token.kind == "name":
            self.take()
            if token.text == "w":
                if self.token.kind == "(":
                    raise ExpressionError("w is not a function: write w*(...) to multiply", self.token.position)
                return Var()
            if token.text in USER_FUNCTIONS:
                if self.token.kind != "(":
                    raise ExpressionError(f"{token.text} needs its argument in parentheses, e.g. {token.text}(w)", self.token.position)
                self.take()
                self.nest(token.position)
                argument = self.expr()
                self.depth -= 1
                if self.token.kind != ")":
                    raise ExpressionError(f"{token.text}( is not closed: add ')'", self.token.position)
                self.take()
                return Call(token.text, argument)
            allowed = ", ".join(USER_FUNCTIONS)
            raise ExpressionError(f"unknown name '{token.text}': the only variable is w and the functions are {allowed}", token.position)
        if token.kind == "(":
            self.take()
            self.nest(token.position)
            inner = self.expr()
            self.depth -= 1
            if self.token.kind != ")":
                raise ExpressionError("a '(' is not closed: add ')'", self.token.position)
            self.take()
            return inner
        if token.kind == "end":
            raise ExpressionError("the formula ends too early: something is missing after the last operator", token.position)
        if token.kind == ")":
            raise ExpressionError("unexpected ')': there is no '(' for it to close, or something is missing before it", token.position)
        raise ExpressionError(f"unexpected '{token.text}': a number, w, a function or '(' was expected here", token.position)


def _has_w(node: Node) -> bool:
    if isinstance(node, Var):
        return True
    return any(_has_w(getattr(node, field)) for field in ("a", "b") if hasattr(node, field))


@dataclass(frozen=True)
class Expression:
    """A parsed J(w) with its exact first and second derivatives, vectorised over numpy arrays."""

    text: str
    tree: Node
    slope_tree: Node
    curvature_tree: Node

    def _run(self, tree: Node, w: ArrayLike) -> np.ndarray:
        w_arr = np.asarray(w, dtype=float)
        with np.errstate(all="ignore"):
            return np.asarray(evaluate(tree, w_arr), dtype=float)

    def cost(self, w: ArrayLike) -> np.ndarray:
        """J(w)."""
        return self._run(self.tree, w)

    def slope(self, w: ArrayLike) -> np.ndarray:
        """dJ/dw, exact."""
        return self._run(self.slope_tree, w)

    def curvature(self, w: ArrayLike) -> np.ndarray:
        """d2J/dw2, exact."""
        return self._run(self.curvature_tree, w)

    def to_latex(self) -> str:
        return to_latex(self.tree)


def parse_expression(text: str) -> Expression:
    """Parse a typed J(w); raises ExpressionError saying what is wrong and where."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the formula is too long ({len(text)} characters; at most {MAX_LENGTH})", MAX_LENGTH)
    if not text.strip():
        raise ExpressionError("type a formula in w, e.g. w**2", 0)
    parser = _Parser(tokenize(text))
    tree = parser.expr()
    if parser.token.kind != "end":
        token = parser.token
        hint = " (a '*' may be missing)" if token.kind in ("num", "name", "(") else ""
        raise ExpressionError(f"unexpected '{token.text}'{hint}", token.position)
    slope_tree = _bounded(derivative(tree), "its slope dJ/dw", MAX_SLOPE_OPERATIONS)
    curvature_tree = _bounded(derivative(slope_tree), "its curvature d2J/dw2", MAX_CURVATURE_OPERATIONS)
    return Expression(text=text, tree=tree, slope_tree=slope_tree, curvature_tree=curvature_tree)


def operations(node: Node) -> int:
    """How many nodes ``evaluate(node, w)`` visits: the tree's size, a subtree counted each time
    it is used (a derivative shares subtrees, d(a*b) = da*b + a*db uses a and b twice), so
    the count is the work of one evaluation, found in time proportional to the shared tree.

    >>> operations(parse_expression("w*w*w").tree), operations(parse_expression("w*w*w").slope_tree)
    (5, 9)
    """
    counted: dict[int, int] = {}

    def count(n: Node) -> int:
        if id(n) not in counted:
            counted[id(n)] = 1 + sum(count(child) for child in (getattr(n, "a", None), getattr(n, "b", None)) if child is not None)
        return counted[id(n)]

    return count(node)


def _bounded(tree: Node, what: str, limit: int) -> Node:
    """The tree, if one evaluation takes at most ``limit`` operations; else ExpressionError."""
    size = operations(tree)
    if size > limit:
        raise ExpressionError(
            f"the formula is too big to work with: {what} takes {size:,} operations to compute, above the limit of "
            f"{limit:,}. Write repeated factors as a power (w**5, not w*w*w*w*w) or use a shorter formula",
            0,
        )
    return tree
