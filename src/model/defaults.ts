/**
 * The model's starting points, free of any YAML library so that a scan without a model file never
 * loads one: Threagile's empty model and an Excel-safe title.
 */
import type { ThreagileModel } from './types.js';
import { EXCEL_FORBIDDEN, MAX_TITLE_LENGTH } from './validate.js';

/** An empty model with Threagile's defaults; the starting point for reading and for `init`. */
export function emptyModel(): ThreagileModel {
  return {
    threagileVersion: '1.0.0',
    title: '',
    date: '',
    author: { name: '' },
    managementSummaryComment: '',
    businessCriticality: 'important',
    businessOverview: { description: '', images: [] },
    technicalOverview: { description: '', images: [] },
    questions: {},
    abuseCases: {},
    securityRequirements: {},
    tagsAvailable: [],
    dataAssets: [],
    technicalAssets: [],
    trustBoundaries: [],
    sharedRuntimes: [],
    individualRiskCategories: [],
    riskTracking: [],
    diagramTweaks: {
      edgeLayout: '',
      suppressEdgeLabels: false,
      layoutLeftToRight: false,
      nodesep: 2,
      ranksep: 2,
      invisibleConnectionsBetweenAssets: [],
      sameRankAssets: [],
    },
  };
}

/** An Excel-safe model title: forbidden characters replaced, at most 31 characters, trimmed. */
export function sanitizeTitle(title: string): string {
  const cleaned = title.replace(new RegExp(EXCEL_FORBIDDEN.source, 'g'), '-').replace(/\s+/g, ' ').trim();
  return cleaned.slice(0, MAX_TITLE_LENGTH).trim() || 'Threat Model';
}
