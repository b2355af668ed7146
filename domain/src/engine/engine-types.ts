/** The shapes of what the engine's REST API answers (deployments, definitions, instances, tasks, history). */
export interface Deployment {
  id: string;
  name: string;
  deployedProcessDefinitions: Record<string, ProcessDefinition> | null;
}

export interface ProcessDefinition {
  id: string;
  key: string;
  version: number;
  deploymentId: string;
  name: string | null;
}

export interface ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
}

export interface Task {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  formKey: string | null;
  camundaFormRef?: unknown;
  tenantId: string | null;
}

export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

export interface HistoricActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  taskId: string | null;
  canceled: boolean;
}

/** The subset of the task query body motcua uses (POST /task). */
export interface TaskQuery {
  taskId?: string;
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionKey?: string;
  taskDefinitionKey?: string;
  assignee?: string;
  unassigned?: boolean;
  assigned?: boolean;
  candidateGroups?: string[];
  withCandidateGroups?: boolean;
  includeAssignedTasks?: boolean;
  orQueries?: TaskQuery[];
  /** engine date strings (formatEngineDate) */
  dueBefore?: string;
  dueAfter?: string;
  followUpBefore?: string;
  followUpAfter?: string;
  sorting?: { sortBy: string; sortOrder: 'asc' | 'desc' }[];
}

export interface HistoricTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  due: string | null;
  followUp: string | null;
  deleteReason: string | null;
}
