import { useState } from 'react';
import { View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { ApplyForm } from './ApplyForm';
import { StatusCard } from './StatusCard';
import { useApplication } from './useApplication';
import './index.scss';

/**
 * 申请加盟 for a WeChat user without an account: the form (draft kept on the phone), then the
 * application's status. When the reviewer asks for more, the applicant edits and resends; a
 * rejected applicant may apply again. Screening and review happen in the dealers function.
 */
export default function ApplyPage() {
  const { state, reload, draft, errors, sending, change, edit, submit } = useApplication();
  const [editing, setEditing] = useState(false);
  if (state.status === 'loading') return <PageState status="loading" rows={6} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const { application, options } = state.data;
  const showForm = !application || editing;
  const send = async () => {
    await submit(application?.status === 'needs_info' ? application : null, options.notifications);
    setEditing(false);
  };
  return (
    <View className="page page-apply">
      {application ? (
        <StatusCard
          application={application}
          onEdit={() => {
            edit(application);
            setEditing(true);
          }}
        />
      ) : null}
      {showForm ? <ApplyForm draft={draft} errors={errors} options={options} sending={sending} onChange={change} onSubmit={() => void send()} /> : null}
    </View>
  );
}
