// The C boundary of HubPlan's solver: every call that can reach GLPK's fatal
// error handler goes through a function here, which catches the error with
// setjmp/longjmp, frees the thread's GLPK environment and returns a code.
// Swift cannot unwind through longjmp, so no Swift frame ever sits between a
// guard and GLPK.
#ifndef HP_SHIM_H
#define HP_SHIM_H

#include <glpk.h>

/// Outcome of a guarded call.
enum {
    HP_OK = 0,        // the call completed
    HP_FAILED = 1,    // GLPK returned a failure code (see the message)
    HP_FATAL = 2      // GLPK raised a fatal error; this thread's environment was freed
};

/// Text GLPK printed during the last guarded call on this thread (tail).
typedef struct {
    char text[4096];
} hp_message;

/// A model in flat arrays (1-based where GLPK wants it, see hp_load).
typedef struct {
    int nrows, ncols;
    int sense;                   // GLP_MIN or GLP_MAX
    double obj_const;
    const char *name;            // may be NULL
    const double *obj;           // [ncols], 0-based
    const int *col_type;         // GLP_FR, GLP_LO, GLP_UP, GLP_DB, GLP_FX
    const double *col_lb, *col_ub;
    const int *col_kind;         // GLP_CV, GLP_IV
    const char *col_names;       // ncols NUL-terminated names back to back, or NULL
    const int *row_type;
    const double *row_lb, *row_ub;
    const char *row_names;       // nrows NUL-terminated names back to back, or NULL
    int nnz;
    const int *ia, *ja;          // 1-based arrays of length nnz+1 (index 0 unused)
    const double *ar;
} hp_model;

/// Progress while branch-and-cut runs.
typedef void (*hp_progress_fn)(void *ctx, double incumbent, int has_incumbent,
                               double bound, int has_bound);

typedef struct {
    int msg_lev;                 // GLP_MSG_OFF .. GLP_MSG_ALL
    int echo;                    // also copy GLPK's output to stderr
    int time_limit_ms;           // 0 or less: no limit
    double mip_gap;              // relative gap to stop at
    int presolve;                // use GLPK's presolvers
    int fp_heur, ps_heur;        // feasibility pump, proximity search
    int gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    int is_mip;                  // run branch-and-cut after the LP
    hp_progress_fn progress;     // may be NULL
    void *progress_ctx;
    volatile int *stop_flag;     // may be NULL; non-zero asks branch-and-cut to stop
    const double *start;         // may be NULL; 1-based values of every column (index 0 unused):
                                 // a feasible point offered as the first incumbent (needs presolve off)
    double late_gap;             // after late_after_nodes branch-and-bound nodes, also stop at this gap
    int late_after_nodes;        // 0 or less: no later gap (nodes, not time, so a busy machine ends the same way)
    int dantzig_pricing;         // the first LP prices by reduced cost alone (GLP_PT_STD), not steepest edge
} hp_params;

typedef struct {
    int lp_ret;                  // glp_simplex return code
    int lp_status;               // glp_get_status after simplex (GLP_OPT, GLP_NOFEAS, ...)
    double lp_obj;
    int mip_ran;
    int mip_ret;                 // glp_intopt return code
    int mip_status;              // glp_mip_status
    double mip_obj;
    double bound;                // best bound seen in the tree
    int has_bound;
    int stopped;                 // the stop flag ended the search
    int start_accepted;          // GLPK took the start as an incumbent
    int late_gap_reached;        // the later gap ended the search
    int nodes;                   // subproblems branch-and-cut selected (root included)
} hp_result;

/// Bumped each time a fatal error frees this thread's environment: every
/// problem object created on this thread before then no longer exists.
unsigned long hp_generation(void);

int hp_create(glp_prob **out, hp_message *msg);
void hp_delete(glp_prob *P, unsigned long generation);
int hp_load(glp_prob *P, const hp_model *m, hp_message *msg);
int hp_solve(glp_prob *P, const hp_params *p, hp_result *r, hp_message *msg);

/// Formats: 0 fixed MPS, 1 free MPS, 2 CPLEX LP.
int hp_read(glp_prob *P, int format, const char *fname, hp_message *msg);
int hp_write(glp_prob *P, int format, const char *fname, hp_message *msg);

/// Sets or reads a stop flag from any thread (atomic).
void hp_flag_store(volatile int *flag, int value);
int hp_flag_load(volatile int *flag);

/// Raises a GLPK fatal error on purpose (tests prove the guard works).
int hp_provoke_fatal(hp_message *msg);

#endif
