// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The main window's own menu command ids, shared by the frame and its GUI-test driver.

#include <wx/defs.h>

namespace attune::app
{

/// Passage editing and navigation ids (Code and View menus), apart from MenuId so that the
/// list below can grow without moving them; kFirstSection..kLastSection are the View menu's
/// "Go to Section" entries, one per section of the transcript on show.
enum NavigationId : int
{
    kNudgeEndRight = wxID_HIGHEST + 300,
    kNudgeEndLeft,
    kNudgeStartLeft,
    kNudgeStartRight,
    kNextSection,
    kPreviousSection,
    kFirstSection,
    kLastSection = kFirstSection + 199,
};

/// Menu and toolbar command ids beyond wx's standard ones (wxID_UNDO, wxID_FIND, …).
enum MenuId : int
{
    kOpenDemo = wxID_HIGHEST + 1,
    kCloseProject,
    kImport,
    kAddScheme,
    kFindNext,
    kFindPrevious,
    kGotoLine,
    kZoomIn,
    kZoomOut,
    kZoomReset,
    kShowAllCoders,
    kSnapWords,
    kSwitchCoder,
    kDeleteAnnotation,
    kEditMemo,
    kMoveToSelection,
    kApplySelectedCode,
    kNextPane,
    kPreviousPane,
    kSaveCopy,
    kExportDataset,
    kMergePackages,
    kMakePackage,
};

/// The reliability dashboard and report (main_frame_reliability.cpp), apart from the lists above.
enum ReliabilityMenuId : int
{
    kShowDashboard = wxID_HIGHEST + 800,
    kExportReport,
};

/// REFI-QDA exchange (File menu, main_frame_refi.cpp), apart from the lists above.
enum RefiMenuId : int
{
    kRefiExport = wxID_HIGHEST + 1000,
    kRefiCodebook,
    kRefiImport,
};

/// The Transcript menu's (and the transcript list's right-click menu's) ids, apart from the
/// lists above so that neither moves.
enum TranscriptMenuId : int
{
    kRenameTranscript = wxID_HIGHEST + 600,
    kRemoveTranscript,
};

/// The compare view's ids (main_frame_compare.cpp), apart from the lists above.
enum CompareMenuId : int
{
    kCompareCoders = wxID_HIGHEST + 700,
};

/// Reconciling (View and Tools menus, main_frame_reconcile.cpp), apart from the lists above.
enum ReconcileMenuId : int
{
    kReconcileOpen = wxID_HIGHEST + 900,
    kReconcileNext,
    kReconcilePrevious,
    kReconcileAcceptA,
    kReconcileAcceptB,
    kReconcileBoth,
    kReconcileNeither,
    kReconcileEdit,
    kReconcileIdentical,
};

} // namespace attune::app
