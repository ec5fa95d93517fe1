NAME          WYNDOR
ROWS
 N  PROFIT
 L  PLANT1
 L  PLANT2
 L  PLANT3
COLUMNS
    DOORS     PROFIT              -3   PLANT1               1
    DOORS     PLANT3               3
    WINDOWS   PROFIT              -5   PLANT2               2
    WINDOWS   PLANT3               2
RHS
    RHS       PLANT1               4   PLANT2              12
    RHS       PLANT3              18
ENDATA
