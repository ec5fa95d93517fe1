NAME          BADNUM
ROWS
 N  COST
 L  LIM1
COLUMNS
    X1        COST                 1   LIM1                 1
    X2        COST              2.x5   LIM1                 1
RHS
    RHS       LIM1                 4
ENDATA
