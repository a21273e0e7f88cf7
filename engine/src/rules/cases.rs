//! Rule test cases (todo).
