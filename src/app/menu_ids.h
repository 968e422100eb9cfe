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

/// The Transcript menu's (and the transcript list's right-click menu's) ids, apart from the
/// lists above so that neither moves.
enum TranscriptMenuId : int
{
    kRenameTranscript = wxID_HIGHEST + 600,
    kRemoveTranscript,
};

/// Reconciling (View and Tools menus, main_frame_reconcile.cpp), apart from the lists above.
enum ReconcileMenuId : int
{
    kReconcileOpen = wxID_HIGHEST + 700,
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
