import type { InterestTopicDto } from '@crosslane/contracts';
import { Create, DeleteWithConfirmButton, Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { TopicFields, toTopicBody } from './topic-form';

const EditToolbar = () => (
  <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteWithConfirmButton
      confirmTitle="Delete this topic?"
      confirmContent="Members' car interest is recomputed without it (a job on the Jobs screen); the change is audited."
      mutationMode="pessimistic"
      redirect="list"
    />
  </Toolbar>
);

export function TopicEdit() {
  return (
    <Edit<InterestTopicDto>
      mutationMode="pessimistic"
      redirect="list"
      transform={(data: Record<string, unknown>) => toTopicBody(data, true)}
    >
      <SimpleForm toolbar={<EditToolbar />} sx={{ maxWidth: 720 }}>
        <TopicFields />
      </SimpleForm>
    </Edit>
  );
}

export function TopicCreate() {
  return (
    <Create<InterestTopicDto> redirect="list" transform={(data: Record<string, unknown>) => toTopicBody(data, false)}>
      <SimpleForm sx={{ maxWidth: 720 }}>
        <TopicFields creating />
      </SimpleForm>
    </Create>
  );
}
