/** An ARM-shaped failure: `{"error":{"code","message"}}` with the status Azure uses for it. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }

  body() {
    return { error: { code: this.code, message: this.message } };
  }
}

export const subscriptionNotFound = (subscriptionId: string) =>
  new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);

export const resourceGroupNotFound = (name: string) =>
  new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);

export const resourceNotFound = (type: string, name: string, resourceGroup: string) =>
  new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );

export const invalidRequestContent = (detail: string) =>
  new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${detail}'.`);
