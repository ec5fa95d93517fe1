#include "hp_shim.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <float.h>
#include <math.h>

// GLPK keeps its environment per thread (Debian builds it with TLS), so the
// guard state is per thread too.
static _Thread_local jmp_buf hp_jump;
static _Thread_local unsigned long hp_gen = 0;
static _Thread_local hp_message *hp_current_msg = NULL;
static _Thread_local int hp_echo = 0;

unsigned long hp_generation(void) { return hp_gen; }

// Keeps the tail of what GLPK prints; error lines are at the end.
static int hp_term(void *info, const char *s) {
    (void)info;
    if (hp_echo) fputs(s, stderr);
    hp_message *m = hp_current_msg;
    if (m == NULL) return 1;
    size_t have = strlen(m->text), add = strlen(s), cap = sizeof(m->text) - 1;
    if (add >= cap) {
        memcpy(m->text, s + (add - cap), cap);
        m->text[cap] = 0;
    } else {
        if (have + add > cap) {
            size_t drop = have + add - cap;
            memmove(m->text, m->text + drop, have - drop + 1);
            have -= drop;
        }
        memcpy(m->text + have, s, add + 1);
    }
    return 1; // we printed (or chose not to); GLPK must not print itself
}

static void hp_error_hook(void *info) {
    (void)info;
    longjmp(hp_jump, 1);
}

static void hp_begin(hp_message *msg, int echo) {
    hp_current_msg = msg;
    hp_echo = echo;
    if (msg) msg->text[0] = 0;
    glp_term_hook(hp_term, NULL);
    glp_error_hook(hp_error_hook, NULL);
}

static void hp_end(void) {
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    hp_current_msg = NULL;
    hp_echo = 0;
}

// After a fatal error GLPK's state is undefined: the only safe step is to
// free the whole environment of this thread.
static int hp_fatal(void) {
    hp_current_msg = NULL;
    glp_free_env();
    hp_gen++;
    return HP_FATAL;
}

#define HP_GUARD(msg, echo)          \
    hp_begin((msg), (echo));         \
    if (setjmp(hp_jump) != 0) return hp_fatal();

int hp_create(glp_prob **out, hp_message *msg) {
    *out = NULL;
    HP_GUARD(msg, 0);
    *out = glp_create_prob();
    hp_end();
    return HP_OK;
}

void hp_delete(glp_prob *P, unsigned long generation) {
    if (P == NULL || generation != hp_gen) return;
    glp_error_hook(NULL, NULL);
    glp_delete_prob(P);
}

int hp_load(glp_prob *P, const hp_model *m, hp_message *msg) {
    HP_GUARD(msg, 0);
    glp_erase_prob(P);
    if (m->name) glp_set_prob_name(P, m->name);
    glp_set_obj_dir(P, m->sense);
    glp_set_obj_coef(P, 0, m->obj_const);
    if (m->nrows > 0) glp_add_rows(P, m->nrows);
    if (m->ncols > 0) glp_add_cols(P, m->ncols);
    const char *name = m->col_names;
    for (int j = 0; j < m->ncols; j++) {
        glp_set_col_kind(P, j + 1, m->col_kind[j]);
        glp_set_col_bnds(P, j + 1, m->col_type[j], m->col_lb[j], m->col_ub[j]);
        glp_set_obj_coef(P, j + 1, m->obj[j]);
        if (name) {
            if (*name) glp_set_col_name(P, j + 1, name);
            name += strlen(name) + 1;
        }
    }
    name = m->row_names;
    for (int i = 0; i < m->nrows; i++) {
        glp_set_row_bnds(P, i + 1, m->row_type[i], m->row_lb[i], m->row_ub[i]);
        if (name) {
            if (*name) glp_set_row_name(P, i + 1, name);
            name += strlen(name) + 1;
        }
    }
    if (m->nnz > 0) glp_load_matrix(P, m->nnz, m->ia, m->ja, m->ar);
    hp_end();
    return HP_OK;
}

static double hp_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct {
    const hp_params *p;
    hp_result *r;
    int start_offered;
} hp_cb_info;

// Branch-and-cut callback: records the best bound, reports progress and
// honours the stop flag. It calls only glp_ios_* and the caller's function.
static void hp_callback(glp_tree *T, void *info) {
    hp_cb_info *ci = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && ci->p->start && !ci->start_offered) {
        // glp_ios_heur_sol returns 0 when it takes the point as the new incumbent.
        ci->start_offered = 1;
        ci->r->start_accepted = glp_ios_heur_sol(T, ci->p->start) == 0;
        return;
    }
    if (reason != GLP_ISELECT && reason != GLP_IBINGO) return;
    if (reason == GLP_ISELECT) ci->r->nodes++;
    int best = glp_ios_best_node(T);
    if (best != 0) {
        ci->r->bound = glp_ios_node_bound(T, best);
        ci->r->has_bound = 1;
    }
    if (ci->p->late_after_nodes > 0 && best != 0 && ci->r->nodes > ci->p->late_after_nodes) {
        glp_prob *P = glp_ios_get_prob(T);
        int status = glp_mip_status(P);
        if (status == GLP_FEAS || status == GLP_OPT) {
            double inc = glp_mip_obj_val(P);
            // GLPK's own gap test (glpios: the relative gap of incumbent and best bound).
            if (fabs(inc - ci->r->bound) / (fabs(inc) + DBL_EPSILON) <= ci->p->late_gap) {
                ci->r->late_gap_reached = 1;
                glp_ios_terminate(T);
                return;
            }
        }
    }
    if (ci->p->progress) {
        glp_prob *P = glp_ios_get_prob(T);
        int has_inc = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
        ci->p->progress(ci->p->progress_ctx, has_inc ? glp_mip_obj_val(P) : 0.0, has_inc,
                        ci->r->bound, ci->r->has_bound);
    }
    if (ci->p->stop_flag && hp_flag_load(ci->p->stop_flag)) {
        ci->r->stopped = 1;
        glp_ios_terminate(T);
    }
}

static int hp_remaining_ms(const hp_params *p, double start) {
    if (p->time_limit_ms <= 0) return 0x7fffffff;
    double left = p->time_limit_ms - (hp_now() - start) * 1000.0;
    return left < 1.0 ? 1 : (int)left;
}

int hp_solve(glp_prob *P, const hp_params *p, hp_result *r, hp_message *msg) {
    memset(r, 0, sizeof(*r));
    HP_GUARD(msg, p->echo);
    double start = hp_now();

    // As glpsol does: scale the matrix and start from an advanced basis;
    // without scaling, badly scaled models (bell5) take many times longer.
    glp_scale_prob(P, GLP_SF_AUTO);
    if (glp_get_num_rows(P) > 0) glp_adv_basis(P, 0);

    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = p->msg_lev;
    sm.presolve = p->presolve ? GLP_ON : GLP_OFF;
    if (p->dantzig_pricing) sm.pricing = GLP_PT_STD;
    sm.tm_lim = hp_remaining_ms(p, start);
    r->lp_ret = glp_simplex(P, &sm);
    if (r->lp_ret == 0) {
        r->lp_status = glp_get_status(P);
        r->lp_obj = glp_get_obj_val(P);
    } else if (r->lp_ret == GLP_ENOPFS) {
        r->lp_status = GLP_NOFEAS;
    } else if (r->lp_ret == GLP_ENODFS) {
        // The presolver saw no dual feasible point: unbounded or infeasible.
        // Solve again without it to tell which.
        sm.presolve = GLP_OFF;
        sm.tm_lim = hp_remaining_ms(p, start);
        r->lp_ret = glp_simplex(P, &sm);
        r->lp_status = r->lp_ret == 0 ? glp_get_status(P) : GLP_UNDEF;
        if (r->lp_ret == 0) r->lp_obj = glp_get_obj_val(P);
    } else {
        r->lp_status = GLP_UNDEF;
    }

    if (p->is_mip && r->lp_ret == 0 && r->lp_status == GLP_OPT) {
        hp_cb_info ci = { p, r, 0 };
        glp_iocp io;
        glp_init_iocp(&io);
        io.msg_lev = p->msg_lev;
        io.tm_lim = hp_remaining_ms(p, start);
        io.mip_gap = p->mip_gap;
        // A start is in the original columns, which the MIP presolver would replace.
        io.presolve = p->presolve && !p->start ? GLP_ON : GLP_OFF;
        io.fp_heur = p->fp_heur ? GLP_ON : GLP_OFF;
        io.ps_heur = p->ps_heur ? GLP_ON : GLP_OFF;
        io.gmi_cuts = p->gmi_cuts ? GLP_ON : GLP_OFF;
        io.mir_cuts = p->mir_cuts ? GLP_ON : GLP_OFF;
        io.cov_cuts = p->cov_cuts ? GLP_ON : GLP_OFF;
        io.clq_cuts = p->clq_cuts ? GLP_ON : GLP_OFF;
        io.cb_func = hp_callback;
        io.cb_info = &ci;
        r->mip_ran = 1;
        r->mip_ret = glp_intopt(P, &io);
        r->mip_status = glp_mip_status(P);
        if (r->mip_status == GLP_OPT || r->mip_status == GLP_FEAS)
            r->mip_obj = glp_mip_obj_val(P);
    }
    hp_end();
    return HP_OK;
}

int hp_read(glp_prob *P, int format, const char *fname, hp_message *msg) {
    HP_GUARD(msg, 0);
    int ret;
    switch (format) {
    case 0: ret = glp_read_mps(P, GLP_MPS_DECK, NULL, fname); break;
    case 1: ret = glp_read_mps(P, GLP_MPS_FILE, NULL, fname); break;
    default: ret = glp_read_lp(P, NULL, fname); break;
    }
    hp_end();
    return ret == 0 ? HP_OK : HP_FAILED;
}

int hp_write(glp_prob *P, int format, const char *fname, hp_message *msg) {
    HP_GUARD(msg, 0);
    int ret;
    switch (format) {
    case 0: ret = glp_write_mps(P, GLP_MPS_DECK, NULL, fname); break;
    case 1: ret = glp_write_mps(P, GLP_MPS_FILE, NULL, fname); break;
    default: ret = glp_write_lp(P, NULL, fname); break;
    }
    hp_end();
    return ret == 0 ? HP_OK : HP_FAILED;
}

void hp_flag_store(volatile int *flag, int value) { __atomic_store_n(flag, value, __ATOMIC_SEQ_CST); }
int hp_flag_load(volatile int *flag) { return __atomic_load_n(flag, __ATOMIC_SEQ_CST); }

int hp_provoke_fatal(hp_message *msg) {
    HP_GUARD(msg, 0);
    glp_prob *P = glp_create_prob();
    glp_set_col_bnds(P, 7, GLP_LO, 0.0, 0.0); // column 7 does not exist: fatal
    hp_end();
    return HP_OK;
}
