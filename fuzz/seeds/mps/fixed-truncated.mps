NAME          CUT
ROWS
 N  COST
 L  LIM1
COLUMNS
    X1        COST                 1   LIM1                 1
