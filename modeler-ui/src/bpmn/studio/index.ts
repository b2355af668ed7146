/** motcua's extension of the bpmn-js modeller: its palette of ready-made steps and the SLA timers they need. */
import MotcuaPalette from './motcua-palette.ts';
import SlaTimersBehavior from './sla-timers-behavior.ts';

export default {
  __init__: ['motcuaPalette', 'motcuaSlaTimers'],
  motcuaPalette: ['type', MotcuaPalette],
  motcuaSlaTimers: ['type', SlaTimersBehavior],
};
