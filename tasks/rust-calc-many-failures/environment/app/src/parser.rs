use crate::ast::{BinOp, Expr, Stmt};
use crate::lexer::{lex, Tok};
use crate::Error;

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end_col: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn col(&self) -> usize {
        self.toks.get(self.pos).map(|(_, c)| *c).unwrap_or(self.end_col)
    }

    fn err<T>(&self, msg: &str) -> Result<T, Error> {
        Err(Error::Parse { col: self.col(), msg: msg.to_string() })
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, t: &Tok, what: &str) -> Result<(), Error> {
        if self.eat(t) {
            Ok(())
        } else {
            self.err(&format!("expected {}", what))
        }
    }

    fn op(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Tok::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn statement(&mut self) -> Result<Stmt, Error> {
        if self.eat(&Tok::Let) {
            let name = match self.peek() {
                Some(Tok::Ident(n)) => n.clone(),
                _ => return self.err("expected a variable name"),
            };
            self.pos += 1;
            self.expect(&Tok::Assign, "'='")?;
            return Ok(Stmt::Let(name, self.expr()?));
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn expr(&mut self) -> Result<Expr, Error> {
        let left = self.sum()?;
        let op = match self.op() {
            Some("==") => BinOp::Eq,
            Some("!=") => BinOp::Ne,
            Some("<") => BinOp::Lt,
            Some("<=") => BinOp::Le,
            Some(">") => BinOp::Gt,
            Some(">=") => BinOp::Ge,
            _ => return Ok(left),
        };
        self.pos += 1;
        let right = self.sum()?;
        Ok(Expr::Bin(op, Box::new(left), Box::new(right)))
    }

    fn sum(&mut self) -> Result<Expr, Error> {
        let mut left = self.unary()?;
        loop {
            let op = match self.op() {
                Some("+") => BinOp::Add,
                Some("-") => BinOp::Sub,
                Some("*") => BinOp::Mul,
                Some("/") => BinOp::Div,
                Some("%") => BinOp::Mod,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self) -> Result<Expr, Error> {
        let mut left = self.unary()?;
        loop {
            let op = match self.op() {
                Some("*") => BinOp::Mul,
                Some("/") => BinOp::Div,
                Some("%") => BinOp::Mod,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, Error> {
        self.power()
    }

    fn power(&mut self) -> Result<Expr, Error> {
        let mut base = self.atom()?;
        while self.op() == Some("**") {
            self.pos += 1;
            let exp = self.atom()?;
            base = Expr::Bin(BinOp::Pow, Box::new(base), Box::new(exp));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, Error> {
        if self.op() == Some("-") {
            self.pos += 1;
            return Ok(Expr::Neg(Box::new(self.atom()?)));
        }
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::Ident(name)) => {
                self.pos += 1;
                if self.eat(&Tok::LParen) {
                    let mut args = Vec::new();
                    if !self.eat(&Tok::RParen) {
                        loop {
                            let arg = self.expr()?;
                            if !self.eat(&Tok::Comma) {
                                self.expect(&Tok::RParen, "')'")?;
                                break;
                            }
                            args.push(arg);
                        }
                    }
                    Ok(Expr::Call(name, args))
                } else {
                    Ok(Expr::Var(name))
                }
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.term()?;
                self.expect(&Tok::RParen, "')'")?;
                Ok(e)
            }
            _ => self.err("expected a number, a name or '('"),
        }
    }
}

/// Parse a whole program (statements separated by ';'; a trailing ';' is allowed).
pub fn parse_program(src: &str) -> Result<Vec<Stmt>, Error> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, end_col: src.chars().count() };
    let mut out = Vec::new();
    loop {
        if p.peek().is_none() {
            if out.is_empty() {
                return p.err("empty program");
            }
            return Ok(out);
        }
        out.push(p.statement()?);
        if p.peek().is_none() {
            return Ok(out);
        }
        p.expect(&Tok::Semi, "';'")?;
    }
}

/// Parse a single expression (the whole input).
pub fn parse_expr(src: &str) -> Result<Expr, Error> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, end_col: src.chars().count() };
    let e = p.expr()?;
    if p.peek().is_some() {
        return p.err("unexpected token");
    }
    Ok(e)
}
