use std::collections::HashMap;

use crate::ast::{BinOp, Expr, Stmt};
use crate::Error;

#[derive(Debug, Default, Clone)]
pub struct Env {
    pub vars: HashMap<String, f64>,
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    pub fn exec(&mut self, stmt: &Stmt) -> Result<f64, Error> {
        match stmt {
            Stmt::Let(name, e) => {
                let v = self.eval(e)?;
                self.vars.insert(name.clone(), v);
                Ok(v)
            }
            Stmt::Expr(e) => self.eval(e),
        }
    }

    pub fn eval(&self, e: &Expr) -> Result<f64, Error> {
        Ok(match e {
            Expr::Num(n) => *n,
            Expr::Var(v) => *self.vars.get(v).ok_or_else(|| Error::UnknownVariable(v.clone()))?,
            Expr::Neg(x) => -self.eval(x)?,
            Expr::Bin(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                let truth = |c: bool| if c { 1.0 } else { 0.0 };
                match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    BinOp::Div => {
                        if y == 0.0 {
                            return Err(Error::DivisionByZero);
                        }
                        x / y
                    }
                    BinOp::Mod => {
                        if y == 0.0 {
                            return Err(Error::DivisionByZero);
                        }
                        x - y * (x / y).floor()
                    }
                    BinOp::Pow => x.powf(y),
                    BinOp::Eq => truth(x == y),
                    BinOp::Ne => truth(x != y),
                    BinOp::Lt => truth(x < y),
                    BinOp::Le => truth(x <= y),
                    BinOp::Gt => truth(x > y),
                    BinOp::Ge => truth(x >= y),
                }
            }
            Expr::Call(name, args) => {
                let vals = args.iter().map(|a| self.eval(a)).collect::<Result<Vec<f64>, Error>>()?;
                let arity = |ok: bool| {
                    if ok {
                        Ok(())
                    } else {
                        Err(Error::Arity { name: name.clone(), got: vals.len() })
                    }
                };
                match name.as_str() {
                    "min" => {
                        arity(!vals.is_empty())?;
                        vals.iter().cloned().fold(f64::INFINITY, f64::min)
                    }
                    "max" => {
                        arity(!vals.is_empty())?;
                        vals.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
                    }
                    "abs" => {
                        arity(vals.len() == 1)?;
                        vals[0].abs()
                    }
                    "sqrt" => {
                        arity(vals.len() == 1)?;
                        if vals[0] < 0.0 {
                            return Err(Error::Domain(format!("sqrt({})", crate::format::number(vals[0]))));
                        }
                        vals[0].sqrt()
                    }
                    _ => return Err(Error::UnknownFunction(name.clone())),
                }
            }
        })
    }
}
