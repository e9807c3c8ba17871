// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: instantiates the tracepoints declared in trace.h (this is the
 * one file that defines CREATE_TRACE_POINTS).
 */
#define CREATE_TRACE_POINTS
#include "trace.h"
