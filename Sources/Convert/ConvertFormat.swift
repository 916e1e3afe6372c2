import KTrace
